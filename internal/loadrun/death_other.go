//go:build !linux

package loadrun

import "os/exec"

// setDeathSignal does nothing where the kernel cannot kill a child when its
// parent dies.
func setDeathSignal(*exec.Cmd) {}
