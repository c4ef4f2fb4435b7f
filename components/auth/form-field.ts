/** A text field of a submitted form ("" when absent; file inputs are not text). */
export function textField(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === "string" ? value : "";
}
