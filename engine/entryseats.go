package engine

// EntrySeats is the entry-grade seats of school s in stage st with the
// given streams and class size. A school that gives base_seats admits
// base_seats + shared_seats (its admission plan) plus class size × the
// streams added (or less those removed) since; otherwise its entry seats
// are streams × class size, shared_seats of them shared. The simulation
// admits into these seats and CheckChanges checks them.
func (s *School) EntrySeats(st Stage, streams, classSize int) int {
	if s.BaseSeats[st] > 0 {
		return s.BaseSeats[st] + s.SharedSeats[st] + (streams-s.Streams[st])*classSize
	}
	return streams * classSize
}
