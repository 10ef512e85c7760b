//go:build !integration

package main

// integrationTag is true when the tests run with -tags integration: the
// scripts that run LibreOffice ([integration]) run then.
const integrationTag = false
