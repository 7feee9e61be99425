package main

func runServe(env *cliEnv, args []string) int  { return usageError(env, "serve", "not built yet") }
func runSearch(env *cliEnv, args []string) int { return usageError(env, "search", "not built yet") }
