-- Hand-added before the generated DROP: the official awards become award lists, one per period
-- and title without its Roman position ("OPD terbaik I" -> list "OPD terbaik", position 1).
INSERT INTO `award_lists` (`period_id`, `title`, `source_note`, `display_order`)
SELECT `period_id`, `list_title`, min(`source`), 0 FROM (
	SELECT `period_id`, `source`, `position`, CASE WHEN substr(rtrim(title, 'IVX'), -1) = ' ' THEN rtrim(rtrim(title, 'IVX')) ELSE title END AS `list_title` FROM `official_awards`
) GROUP BY `period_id`, `list_title` ORDER BY `period_id`, min(`position`);
--> statement-breakpoint
INSERT INTO `award_entries` (`list_id`, `opd_id`, `position`, `points`)
SELECT l.`id`, o.`opd_id`, min(o.`position`), o.`points`
FROM `official_awards` o
JOIN `award_lists` l ON l.`period_id` = o.`period_id` AND l.`title` = CASE WHEN substr(rtrim(o.`title`, 'IVX'), -1) = ' ' THEN rtrim(rtrim(o.`title`, 'IVX')) ELSE o.`title` END
GROUP BY l.`id`, o.`opd_id`;
--> statement-breakpoint
DROP TABLE `official_awards`;