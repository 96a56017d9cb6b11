// A test helper that calls t.Fatal unless err is nil ends the test like a return: the close goes
// right after it. (The test itself is in guard_test.go.)
package golden

func unused() {}
