package clock

import "time"

// Location is a time zone.
type Location time.Location

func fixed(name string, offset int) *time.Location { return time.FixedZone(name, offset) }
