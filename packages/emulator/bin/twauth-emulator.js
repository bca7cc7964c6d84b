#!/usr/bin/env node
// The `twauth-emulator` command. This launcher is committed (dist/ is built), so a fresh
// `pnpm install` links the bin before anything is built; it only runs the built emulator.
import "../dist/bin/twauth-emulator.js";
