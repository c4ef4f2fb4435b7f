/** A generator refused its flags; the message is what kubectl prints after `error: `. */
export class GeneratorError extends Error {
  override name = "GeneratorError";
}
