//! Realistic Go files for measuring lint speed: a service package per file — types, a mutex, a
//! context-driven loop, parsing, error wrapping — 150–300 lines each. [`go_file`] gives the mix of
//! a service's tree: 40 % of the files do not import `time`, 45 % use it for durations and clocks
//! only, 15 % use timers (some leaky, most correct). [`go_file_with_timers`] gives the worst case,
//! every file with timers. Deterministic: file `i` is always the same text.

use std::fmt::Write as _;

/// A xorshift stream seeded by the file index.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const HEADER: &str = r##"package svc{I}

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
)

// Config holds the settings of one service instance.
type Config struct {
	Name    string
	Timeout time.Duration
	Retries int
	Tags    map[string]string
}

// Server owns the connections of one listener.
type Server struct {
	mu     sync.Mutex
	conns  map[int]*Conn
	cfg    Config
	closed bool
	stats  Stats
}

// Conn is one client connection.
type Conn struct {
	id   int
	in   chan []byte
	out  chan []byte
	idle *time.Timer
}

// Stats counts what the server did.
type Stats struct {
	Messages int
	Errors   int
	Bytes    int64
}

// ErrClosed is returned after Close.
var ErrClosed = errors.New("svc{I}: server closed")

// NewServer returns a server for cfg.
func NewServer(cfg Config) *Server {
	if cfg.Timeout <= 0 {
		cfg.Timeout = 3 * time.Second
	}
	return &Server{conns: make(map[int]*Conn), cfg: cfg}
}

// Add registers c.
func (s *Server) Add(c *Conn) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	s.conns[c.id] = c
	return nil
}

// Close closes every connection.
func (s *Server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	for id, c := range s.conns {
		close(c.out)
		delete(s.conns, id)
	}
}

func (s *Server) handle(ctx context.Context, c *Conn) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case msg, ok := <-c.in:
			if !ok {
				return nil
			}
			if err := s.process(msg); err != nil {
				s.stats.Errors++
				return fmt.Errorf("conn %d: %w", c.id, err)
			}
			s.stats.Messages++
			s.stats.Bytes += int64(len(msg))
		}
	}
}

func (s *Server) process(msg []byte) error {
	if len(msg) == 0 {
		return errors.New("empty message")
	}
	switch msg[0] {
	case 'P':
		return nil
	case 'D':
		fields := strings.Fields(string(msg[1:]))
		for i, f := range fields {
			if f == "" {
				return fmt.Errorf("field %d empty", i)
			}
		}
		return nil
	default:
		return fmt.Errorf("unknown kind %q", msg[0])
	}
}
"##;

/// A worker pool.
const WORKER_POOL: &str = r##"
func pool{N}(jobs <-chan int, workers int, work func(int) int) []int {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var out []int
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				r := work(j)
				mu.Lock()
				out = append(out, r)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return out
}
"##;

/// Parsing with a labeled loop.
const PARSE: &str = r##"
func parse{N}(lines []string) (map[string]string, error) {
	out := make(map[string]string, len(lines))
outer:
	for n, line := range lines {
		line = strings.TrimSpace(line)
		switch {
		case line == "", strings.HasPrefix(line, "#"):
			continue outer
		case !strings.Contains(line, "="):
			return nil, fmt.Errorf("line %d: no '='", n+1)
		}
		k, v, _ := strings.Cut(line, "=")
		for _, r := range k {
			if r == ' ' {
				continue outer
			}
		}
		out[k] = v
	}
	return out, nil
}
"##;

/// Uses of the clock without timers, for files that import `time`.
const CLOCK: &str = r##"
// Elapsed reports how long f took.
func Elapsed{N}(f func()) time.Duration {
	start := time.Now()
	f()
	return time.Since(start).Round(time.Millisecond)
}
"##;

/// Functions without timers; `{N}` is a unique suffix.
const PLAIN_PATTERNS: &[&str] = &[
    WORKER_POOL,
    PARSE,
    r##"
func (s *Server) broadcast{N}(msg []byte) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	sent := 0
	for _, c := range s.conns {
		select {
		case c.out <- msg:
			sent++
		default:
		}
	}
	return sent
}
"##,
    r##"
func summarize{N}(values []int) (min, max, sum int, err error) {
	if len(values) == 0 {
		return 0, 0, 0, errors.New("no values")
	}
	min, max = values[0], values[0]
	for _, v := range values {
		switch {
		case v < min:
			min = v
		case v > max:
			max = v
		}
		sum += v
	}
	return min, max, sum, nil
}
"##,
];

/// The functions a file with timers picks from: timer code, and some without; `{N}` is a unique
/// suffix.
const TIMER_PATTERNS: &[&str] = &[
    WORKER_POOL,
    PARSE,
    // S1's leak.
    r##"
func (c *Conn) serve{N}(handle func([]byte)) {
	for {
		select {
		case msg := <-c.in:
			handle(msg)
		case <-time.After(3 * time.Second):
			c.out <- []byte("ping")
		}
	}
}
"##,
    // One timer with Stop, drain, Reset.
    r##"
func (c *Conn) watch{N}(d time.Duration, handle func([]byte)) {
	t := time.NewTimer(d)
	defer t.Stop()
	for {
		select {
		case msg, ok := <-c.in:
			if !ok {
				return
			}
			if !t.Stop() {
				select {
				case <-t.C:
				default:
				}
			}
			t.Reset(d)
			handle(msg)
		case <-t.C:
			c.out <- []byte("idle")
			t.Reset(d)
		}
	}
}
"##,
    // A ticker with a done channel.
    r##"
func (s *Server) report{N}(ctx context.Context, every time.Duration) {
	tk := time.NewTicker(every)
	defer tk.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-tk.C:
			s.mu.Lock()
			fmt.Println(now.Format(time.RFC3339), s.stats.Messages, s.stats.Errors)
			s.mu.Unlock()
		}
	}
}
"##,
    // Retries with back-off.
    r##"
func retry{N}(ctx context.Context, attempts int, f func() error) error {
	var err error
	backoff := 10 * time.Millisecond
	for i := 0; i < attempts; i++ {
		if err = f(); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(backoff):
		}
		backoff *= 2
	}
	return fmt.Errorf("after %d attempts: %w", attempts, err)
}
"##,
    // A request with a deadline, no loop.
    r##"
func (c *Conn) request{N}(q []byte, timeout time.Duration) ([]byte, error) {
	c.out <- q
	select {
	case r := <-c.in:
		return r, nil
	case <-time.After(timeout):
		return nil, fmt.Errorf("conn %d: no reply in %v", c.id, timeout)
	}
}
"##,
    // Reset without drain.
    r##"
func consume{N}(in <-chan int, d time.Duration) int {
	n := 0
	t := time.NewTimer(d)
	for {
		t.Reset(d)
		select {
		case v := <-in:
			n += v
		case <-t.C:
			return n
		}
	}
}
"##,
];

/// What a file uses.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// No `time` import.
    Plain,
    /// `time` for durations and clocks, no timer.
    Clock,
    /// Timers.
    Timers,
}

/// The text of benchmark file `i` of a realistic tree.
pub fn go_file(i: usize) -> String {
    let mut rng = rng(i);
    let kind = match rng.below(100) {
        0..=39 => Kind::Plain,
        40..=84 => Kind::Clock,
        _ => Kind::Timers,
    };
    build(i, kind, &mut rng)
}

/// The text of benchmark file `i` when every file uses timers (the slowest case).
pub fn go_file_with_timers(i: usize) -> String {
    build(i, Kind::Timers, &mut rng(i))
}

fn rng(i: usize) -> Rng {
    Rng(0x2545_F491_4F6C_DD1D ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
}

fn build(i: usize, kind: Kind, rng: &mut Rng) -> String {
    let mut out = HEADER.replace("{I}", &i.to_string());
    if kind == Kind::Plain {
        // The same package without time: durations as integers, no timer field.
        out = out
            .replace("\t\"time\"\n", "")
            .replace("time.Duration", "int64")
            .replace("\tidle *time.Timer\n", "")
            .replace("3 * time.Second", "3000");
    } else {
        out.push_str(&CLOCK.replace("{N}", "0"));
    }
    let count = 4 + rng.below(5);
    for n in 0..count {
        let p = match kind {
            Kind::Timers => TIMER_PATTERNS[rng.below(TIMER_PATTERNS.len() as u64) as usize],
            Kind::Plain | Kind::Clock => PLAIN_PATTERNS[rng.below(PLAIN_PATTERNS.len() as u64) as usize],
        };
        out.push_str(&p.replace("{N}", &n.to_string()));
    }
    let _ = writeln!(out, "\n// {} functions above.", count);
    out
}
