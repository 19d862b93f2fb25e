/** Errors the services raise; the HTTP layer turns them into pages or problem+json. */

export interface FieldError {
  /** The form field or JSON pointer-like path the message belongs to. */
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly title: string,
  ) {
    super(message);
  }
}

export class ValidationError extends AppError {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => e.message).join(' '), 422, 'There is a problem with the input');
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You do not have permission to do this.') {
    super(message, 403, 'Forbidden');
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Sign in to continue.') {
    super(message, 401, 'Unauthorised');
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Not found.') {
    super(message, 404, 'Not found');
  }
}

/** A restricted record the user is not named on: they learn it exists and whom to ask. */
export class RestrictedRecordError extends AppError {
  constructor(readonly contact: string) {
    super(`This record is restricted. Contact ${contact} if you need access.`, 403, 'Restricted record');
  }
}

/** A named user must give a reason before a restricted record is opened. */
export class ReasonRequiredError extends AppError {
  constructor() {
    super('This record is restricted. Give a reason for opening it.', 403, 'Reason required');
  }
}

/** A save based on an out-of-date version of a record. */
export class ConflictError extends AppError {
  constructor(
    message: string,
    readonly changes: Array<{ field: string; yours: unknown; theirs: unknown }> = [],
  ) {
    super(message, 409, 'Conflict');
  }
}

export class TooManyRequestsError extends AppError {
  constructor(message: string) {
    super(message, 429, 'Too many requests');
  }
}
