export const TOOL_NAME = 'ci-root-cause';
export const TOOL_VERSION = '0.1.0';
/** Version of the JSON report schema (schema/report.schema.json). */
export const REPORT_VERSION = '1.0.0';
