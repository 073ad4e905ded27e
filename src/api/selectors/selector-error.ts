/** A label or field selector the API server would refuse (400 BadRequest); the message is upstream's text. */
export class SelectorError extends Error {
  override readonly name = "SelectorError";
}
