import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import tseslint from "typescript-eslint";

// Packages the pure core must never touch: it talks to the world only through its own small interfaces.
const frameworkPatterns = [
  "next",
  "next/*",
  "react",
  "react-dom",
  "react/*",
  "@prisma/*",
  "prisma",
  "bullmq",
  "ioredis",
  "socket.io",
  "socket.io-client",
  "pg",
  "pino",
  "@/lib/server/*",
  "@/app/*",
  "@/components/*",
  "@/worker/*",
];

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      ".next/",
      "dist/",
      "bench/.build/",
      "data/",
      "lib/server/db/generated/",
      "next-env.d.ts",
      "test-results/",
      "playwright-report/",
      ".cache/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ["*.js", "*.mjs", "scripts/*.mjs", "scripts/*/*.mjs", "bench/*.mjs"] } },
    },
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      eqeqeq: ["error", "always"],
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    plugins: { "@next/next": nextPlugin },
    rules: { ...nextPlugin.configs.recommended.rules, ...nextPlugin.configs["core-web-vitals"].rules },
  },
  {
    // The pure core: framework-free, and free of hidden time and randomness so tests and labs control both.
    files: ["lib/cluster/**/*.ts", "lib/platform/**/*.ts", "lib/terminal/**/*.ts", "lib/kubectl/**/*.ts", "lib/labs/**/*.ts", "lib/instructor/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: frameworkPatterns,
              allowTypeImports: false,
              message: "lib/cluster, lib/platform, lib/terminal, lib/kubectl, lib/labs and lib/instructor are pure: reach frameworks through an interface in lib/server.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/cluster/**/*.ts", "lib/terminal/**/*.ts", "lib/kubectl/**/*.ts", "lib/labs/**/*.ts", "lib/instructor/**/*.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "Date", property: "now", message: "Inject a Clock instead." },
        { object: "Math", property: "random", message: "Inject a source of randomness instead." },
      ],
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Inject a Clock instead." },
      ],
    },
  },
);
