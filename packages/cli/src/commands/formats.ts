// The output formats of the commands, apart from the commands themselves: the command line lists
// them in its help without loading every command's code (a render should not pay for validate's).
export const DIFF_FORMATS = ['text', 'markdown'] as const;
export const EXPLAIN_FORMATS = ['text', 'json'] as const;
export const PREVIEW_FORMATS = ['yaml', 'table'] as const;
