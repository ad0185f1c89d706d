/** An error the user can fix by changing the command: printed as one line, exit code 2. */
export class UsageError extends Error {}
