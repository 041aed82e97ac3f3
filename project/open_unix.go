//go:build unix

package project

import (
	"os"
	"syscall"
)

// openNoBlock opens p for reading without waiting: opening a FIFO with no
// writer would block until one appears (a FIFO can take the place of a file
// the caller checked a moment ago).
func openNoBlock(p string) (*os.File, error) {
	return os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
