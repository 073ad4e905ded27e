// Names a controller picks for the objects it creates with generateName: the API server's suffix,
// drawn from the reconcile context's random source and kept unique within one pass.
import { randomSuffix } from "../../store/names";

/** `<prefix><suffix>` not already in `taken`; the new name is added to `taken`. */
export function generateName(prefix: string, random: () => number, taken: Set<string>): string {
  for (;;) {
    const name = prefix + randomSuffix(5, random);
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}
