import { defineResource } from "../define";

// pods/binding's top-level twin: POST /api/v1/namespaces/<ns>/bindings binds a pod by name.
export const bindings = defineResource({
  group: "",
  version: "v1",
  kind: "Binding",
  plural: "bindings",
  namespaced: true,
  verbs: ["create"],
});
