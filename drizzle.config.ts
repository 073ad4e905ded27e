import { defineConfig } from "drizzle-kit";

export default defineConfig({
  out: "./migrations",
  schema: "./src/store/schema.ts",
  dialect: "sqlite",
  driver: "durable-sqlite",
});
