//! A cache hint: start loading a value's cache line without waiting for it.

/// Asks the CPU to bring `value`'s cache line into its caches, and goes on at once: unlike a
/// load, a prefetch that misses holds up nothing after it. No effect on behaviour; a no-op where
/// the target has no stable prefetch instruction.
#[inline(always)]
pub(crate) fn prefetch<T>(value: &T) {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse"))]
    safe_arch::prefetch_t0(value);
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse")))]
    let _ = value;
}
