/**
 * Why a template could not be rendered. Each carries the diagnostic code the preview reports it
 * with, so the three kinds of failure stay apart: the template is malformed, it failed while it
 * ran (as it would in Argo CD), or it uses something this preview does not implement.
 */
export abstract class TemplateError extends Error {
  abstract readonly code: string;
}

/** The template does not parse, as Go's text/template would refuse it. */
export class TemplateSyntaxError extends TemplateError {
  override readonly name = 'TemplateSyntaxError';
  readonly code = 'FF804';
}

/** The template parsed but failed while it ran: a missing key with missingkey=error, a wrong type. */
export class TemplateExecError extends TemplateError {
  override readonly name = 'TemplateExecError';
  readonly code = 'FF805';

  /** The action it failed in, such as `{{.name}}`, once known. */
  constructor(
    message: string,
    readonly action?: string,
  ) {
    super(action === undefined ? message : `in ${action}: ${message}`);
  }
}

/** Argo CD would accept it, but this preview does not implement it: refused rather than guessed. */
export class UnsupportedTemplateError extends TemplateError {
  override readonly name = 'UnsupportedTemplateError';
  readonly code = 'FF806';
}
