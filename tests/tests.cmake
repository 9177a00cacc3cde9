# Test registration for the runtime core; other rooms register their own tests in their .cmake.
