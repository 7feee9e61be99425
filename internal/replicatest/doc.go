// Package replicatest runs Casebook as it is deployed at scale: two
// replicas of the built binary sharing one on-disk index, behind nginx with
// the configuration in deploy/nginx, on loopback ports. Its only code is its
// test; it needs nginx on PATH and skips without it unless
// CASEBOOK_NGINX_REQUIRED is set.
package replicatest
