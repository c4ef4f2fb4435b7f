import { flag } from "../../command";

export const getFlags = [
  flag("output", "o", "string", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide)."),
  flag("all-namespaces", "A", "bool", "If present, list the requested object(s) across all namespaces."),
  flag("selector", "l", "string", "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'."),
  flag("field-selector", undefined, "string", "Selector (field query) to filter on, supports '=', '==', and '!='."),
  flag("show-labels", undefined, "bool", "When printing, show all labels as the last column (default hide labels column)"),
  flag("label-columns", "L", "stringSlice", "Accepts a comma separated list of labels that are going to be presented as columns."),
  flag("no-headers", undefined, "bool", "When using the default or custom-column output format, don't print headers (default print headers)."),
  flag("sort-by", undefined, "string", "If non-empty, sort list types using this field specification (a JSONPath expression)."),
  flag("watch", "w", "bool", "After listing/getting the requested object, watch for changes."),
  flag("watch-only", undefined, "bool", "Watch for changes to the requested object(s), without listing/getting first."),
  flag("output-watch-events", undefined, "bool", "Output watch event objects when --watch or --watch-only is used."),
  flag("show-kind", undefined, "bool", "If present, list the resource type for the requested object(s)."),
  flag("ignore-not-found", undefined, "bool", "If set to true, suppresses NotFound error for specific objects that do not exist."),
  flag("filename", "f", "stringArray", "Filename, directory, or URL to files identifying the resource to get from a server."),
  flag("recursive", "R", "bool", "Process the directory used in -f, --filename recursively."),
  flag("chunk-size", undefined, "int", "Return large lists in chunks rather than all at once.", 500),
  flag("server-print", undefined, "bool", "If true, have the server return the appropriate table output.", true),
  flag("allow-missing-template-keys", undefined, "bool", "If true, ignore any errors in templates when a field or map key is missing.", true),
  flag("show-managed-fields", undefined, "bool", "If true, keep the managedFields when printing objects in JSON or YAML format."),
  flag("subresource", undefined, "string", "If specified, gets the subresource of the requested object."),
];
