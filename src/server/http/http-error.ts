/** An error the client caused or may see: its status and message go out as {"error": message}. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}
