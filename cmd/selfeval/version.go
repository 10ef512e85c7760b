package main

import "runtime/debug"

// version is set with -ldflags "-X main.version=…"; otherwise the module
// version from the build info, or "dev".
var version = ""

func toolVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}
