import type {
	ApplicantType,
	Channel,
	Decision,
	DisputeOutcome,
	ObjectionReason,
	RecordKind,
	RefusalReason,
	SurveyLevel
} from './vocab';

/**
 * One row of the permohonan informasi register: an entry (one request, `count` 1, with its
 * applicant) or a monthly recap row (`count` requests, no applicant). Both count together.
 */
export interface RequestRecord {
	kind: RecordKind;
	/** 1–12. */
	month: number;
	count: number;
	/** ISO date (YYYY-MM-DD), entries only. */
	receivedOn: string | null;
	applicantName: string | null;
	applicantAddress: string | null;
	applicantContact: string | null;
	applicantType: ApplicantType;
	channel: Channel;
	information: string;
	/** The OPD that holds the information, as written. */
	opd: string | null;
	decision: Decision;
	refusalReason: RefusalReason | null;
	/** The refusal reason as the source wrote it. */
	refusalText: string | null;
	answeredOn: string | null;
	workingDays: number | null;
	/** Follow-up / tindak lanjut as written. */
	note: string | null;
	/** Same day and applicant as an earlier entry: flagged, kept. */
	possibleDuplicate: boolean;
}

export interface ObjectionRecord {
	kind: RecordKind;
	month: number;
	count: number;
	receivedOn: string | null;
	applicantName: string | null;
	applicantType: ApplicantType;
	reason: ObjectionReason | null;
	reasonText: string;
	answer: string | null;
	workingDays: number | null;
	toDispute: boolean;
}

export interface DisputeRecord {
	applicantName: string | null;
	applicantType: ApplicantType;
	reason: string;
	opd: string | null;
	outcome: DisputeOutcome;
	outcomeText: string | null;
	note: string | null;
}

export interface SurveyRecord {
	respondedOn: string;
	email: string | null;
	occupation: string | null;
	level: SurveyLevel;
	comment: string | null;
}

/** Everything a year's registers hold: what the statistics read. */
export interface YearRegisters {
	/** 12 values, January first; null where the month was not recorded. */
	websiteVisits: (number | null)[];
	requests: RequestRecord[];
	objections: ObjectionRecord[];
	/** A total the source states (which may differ from the rows); null when it states none. */
	objectionsStatedTotal: number | null;
	disputes: DisputeRecord[];
	survey: SurveyRecord[];
}
