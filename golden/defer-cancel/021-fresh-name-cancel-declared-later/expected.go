// The name cancel is only declared further down (in an if statement's init), but it is used
// in the function, so the discarded func becomes cancel1.
package api

import (
	"context"
	"net/http"
	"time"
)

// Handle runs the report with a thirty-second budget; ?cancel=1 asks for a dry run.
func Handle(w http.ResponseWriter, r *http.Request, run func(context.Context, bool) error) {
	ctx, cancel1 := context.WithTimeout(r.Context(), 30*time.Second)
	defer cancel1()
	dry := false
	if cancel := r.URL.Query().Get("cancel"); cancel == "1" {
		dry = true
	}
	if err := run(ctx, dry); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}
