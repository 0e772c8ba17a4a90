/** Every failure we raise on purpose carries a code, so logs and tests can tell them apart. */
export type ErrorCode =
  | 'config_invalid'
  | 'store_open_failed'
  | 'store_too_new'
  | 'store_migration_failed'
  | 'store_unreachable'
  | 'store_migrations_pending'
  | 'slack_auth_failed'
  | 'slack_unreachable'
  | 'socket_mode_failed'
  | 'chart_font_missing'
  | 'chart_font_subset_failed'
  | 'bad_input'
  | 'handler_failed'
  | 'installation_unreadable'
  | 'installation_missing'
  | 'token_refresh_failed';

export class LightsOutError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LightsOutError';
  }
}

export function isLightsOutError(error: unknown, code?: ErrorCode): error is LightsOutError {
  return error instanceof LightsOutError && (code === undefined || error.code === code);
}
