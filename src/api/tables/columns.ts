// Column-definition builders: every printer starts with Name and most carry Age.
import type { TableColumn } from "../resource";
import { doc } from "./descriptions";

type ColumnType = TableColumn["type"];

export function col(name: string, type: ColumnType, description: string, priority: 0 | 1 = 0, format = ""): TableColumn {
  return { name, type, format, description, priority };
}

export function wide(name: string, type: ColumnType, description: string): TableColumn {
  return col(name, type, description, 1);
}

export const nameColumn: TableColumn = col("Name", "string", doc["ObjectMeta.name"], 0, "name");
export const ageColumn: TableColumn = col("Age", "string", doc["ObjectMeta.creationTimestamp"]);
export const containersColumn: TableColumn = wide("Containers", "string", "Names of each container in the template.");
export const imagesColumn: TableColumn = wide("Images", "string", "Images referenced by each container in the template.");
