// `for range w.C` over something that is not a ticker — a struct of this file with a `C`
// channel and a `Stop` method — whatever its Stop does; and a local that shares its name with a
// ticker field assigned here (`s.tick = time.NewTicker(d)`, the struct declared elsewhere).
package nearmiss

import "time"

type watcher struct{ C chan int }

func (w *watcher) Stop() { close(w.C) }

func watch(handle func(int)) *watcher {
	w := &watcher{C: make(chan int)}
	go func() {
		for v := range w.C {
			handle(v)
		}
	}()
	return w
}

func stopWatching(w *watcher) { w.Stop() }

func (s *service) startTicking() { s.tick = time.NewTicker(time.Second) }

func localNamedLikeTheField(handle func(int)) {
	tick := &watcher{C: make(chan int)}
	go func() {
		for v := range tick.C {
			handle(v)
		}
	}()
	tick.Stop()
}
