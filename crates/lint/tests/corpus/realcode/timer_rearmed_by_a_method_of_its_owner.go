// The timer's case calls a method of the timer's owner that re-arms it (`exportSpans` Resets
// `bsp.timer` first), so a later `if !t.Stop() { <-t.C }` finds the timer armed again: right
// before Go 1.23, no `blocking-drain`. Since Go 1.23 a drain after a false Stop never receives;
// on Go 1.23.0 and 1.23.1 this one hung the batch span processor (golang/go#69312): the
// `sync-drain` error (a field timer, which other code may have received).
// Shape of open-telemetry/opentelemetry-go@e5009452478d9b0852a1e1c5f0b983cd73aead7a
// sdk/trace/batch_span_processor.go:319 (issue #5868).
package realcode

import "time"

type batchSpanProcessor struct {
	timer   *time.Timer
	queue   chan int
	stopCh  chan struct{}
	batch   []int
	timeout time.Duration
}

func (bsp *batchSpanProcessor) exportSpans() error {
	bsp.timer.Reset(bsp.timeout)
	bsp.batch = bsp.batch[:0]
	return nil
}

func (bsp *batchSpanProcessor) processQueue() {
	defer bsp.timer.Stop()
	for {
		select {
		case <-bsp.stopCh:
			return
		case <-bsp.timer.C:
			if err := bsp.exportSpans(); err != nil {
				println(err)
			}
		case sd := <-bsp.queue:
			bsp.batch = append(bsp.batch, sd)
			if len(bsp.batch) >= 512 {
				if !bsp.timer.Stop() {
					<-bsp.timer.C // want sync-drain sync=error
				}
				if err := bsp.exportSpans(); err != nil {
					println(err)
				}
			}
		}
	}
}
