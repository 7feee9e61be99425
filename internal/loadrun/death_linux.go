package loadrun

import (
	"os/exec"
	"syscall"
)

// setDeathSignal makes the kernel kill cmd when this process dies, so a
// server never outlives the tool that started it.
func setDeathSignal(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
