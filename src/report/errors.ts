/** Bad input to the report (a date, an unknown agreement). */
export class ReportInputError extends Error {
  override readonly name = 'ReportInputError';
}

/** The report could not be rendered (no Chromium for the PDF, Chromium failed). */
export class ReportRenderError extends Error {
  override readonly name = 'ReportRenderError';
}
