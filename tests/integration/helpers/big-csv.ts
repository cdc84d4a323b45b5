export { bigCsv } from '../../../scripts/bench/big-csv';
