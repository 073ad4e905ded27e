// The bad-input table of bad-input.test.ts at every resource of the API groups (apps, batch, rbac ...),
// in a file of its own so the two halves run side by side.
import { RESOURCES } from "../../src/api/registry";
import { describeBadInput } from "./bad-input-resources";

describeBadInput("bad input to every resource of the API groups", RESOURCES.filter((d) => d.group !== ""));
