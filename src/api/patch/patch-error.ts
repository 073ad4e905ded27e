/**
 * A patch that cannot be applied to the object. The HTTP layer turns it into a
 * 422/400 Status; the message mirrors what the Go patch libraries print.
 */
export class PatchError extends Error {
  override readonly name = "PatchError";
  constructor(message: string) {
    super(message);
  }
}
