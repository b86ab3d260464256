//! [`Handle`]: one program reference to a timer entry. Cloning adds a reference, dropping removes
//! one; when the last goes, the runtime decides by its semantics whether the timer lives on.
//! This is how "retention = reachability" is real ownership rather than a counter told what to say.

use crate::shared::Shared;
use crate::state::TimerId;
use crate::sync::Arc;

pub(crate) struct Handle {
    /// The runtime the timer belongs to: its shared part, which every clone of the
    /// [`crate::Runtime`] holds too.
    pub(crate) rt: Arc<Shared>,
    pub(crate) id: TimerId,
}

impl Handle {
    /// Wraps the reference `create` already counted.
    pub(crate) fn new(rt: Arc<Shared>, id: TimerId) -> Handle {
        Handle { rt, id }
    }
}

impl Clone for Handle {
    fn clone(&self) -> Handle {
        self.rt.lock().add_ref(self.id);
        Handle { rt: Arc::clone(&self.rt), id: self.id }
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        self.rt.with_state(|st| st.drop_ref(self.id));
    }
}
