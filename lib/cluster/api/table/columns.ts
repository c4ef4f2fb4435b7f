import { docs } from "./descriptions";
import type { TableColumnDefinition } from "./types";

/** A column as printers.go declares it: `{Name, Type, Format, Description, Priority}`. */
export function column(
  name: string,
  type: string,
  description: string,
  options: { priority?: number; format?: string } = {},
): TableColumnDefinition {
  return { name, type, format: options.format ?? "", description, priority: options.priority ?? 0 };
}

/** `{Name: "Name", Type: "string", Format: "name"}`, first in almost every table. */
export const nameColumn = column("Name", "string", docs.name, { format: "name" });

/** `{Name: "Age", Type: "string"}`: printers send AGE as an already-formatted string. */
export const ageColumn = column("Age", "string", docs.creationTimestamp);

export const containersColumn = column("Containers", "string", "Names of each container in the template.", {
  priority: 1,
});
export const imagesColumn = column("Images", "string", "Images referenced by each container in the template.", {
  priority: 1,
});

/** A wide column: priority 1, shown only with `-o wide`. */
export function wide(name: string, type: string, description: string, format = ""): TableColumnDefinition {
  return column(name, type, description, { priority: 1, format });
}
