#!/usr/bin/env node
// Entry of the report-qa command-line tool: runs the built CLI.
import '../dist/main.js';
