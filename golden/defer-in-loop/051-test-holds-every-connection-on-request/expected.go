// In a test, a loop often holds every iteration's value until the test ends on purpose (to have
// N connections open at once): the fix is offered, applied only on request.
package golden

func helper() {}
