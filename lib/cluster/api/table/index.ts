export { toTable, type TableOptions } from "./to-table";
export {
  tableForCustomResource,
  customResourcePrinter,
  defaultPrinterColumns,
  type PrinterColumn,
} from "./custom-resource";
export { printerFor, hasPrinter, type PrinterTarget } from "./printers";
export { humanDuration, shortHumanDuration, formatLabels, formatLabelSelector, accessModesString } from "./format";
export type * from "./types";
