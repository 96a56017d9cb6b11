// A user constructor whose release method is Release, not Close.
package lease

import "context"

var slots = make(chan int, 4)

// Lease is a slot held until Release.
type Lease struct {
	id int
}

func acquire(ctx context.Context) (*Lease, error) {
	select {
	case id := <-slots:
		return &Lease{id: id}, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Release gives the slot back.
func (l *Lease) Release() {
	slots <- l.id
}

// Work runs job while holding a slot.
func Work(ctx context.Context, job func(int) error) error {
	l, err := acquire(ctx)
	if err != nil {
		return err
	}
	defer l.Release()
	return job(l.id)
}
