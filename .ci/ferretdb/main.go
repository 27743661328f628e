// Command ferretdb-embedded runs FerretDB (MongoDB wire protocol) on a PostgreSQL backend for CI.
// It embeds github.com/FerretDB/FerretDB/ferretdb because the upstream cmd/ferretdb panics
// when installed with `go install` (it expects a version.txt the module does not ship).
package main

import (
	"context"
	"flag"
	"log"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	pg := flag.String("postgresql-url", "postgres://postgres@127.0.0.1:5432/test", "PostgreSQL backend URL")
	flag.Parse()

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{TCP: *listen},
		Handler:       "postgresql",
		PostgreSQLURL: *pg,
	})
	if err != nil {
		log.Fatalf("ferretdb: %v", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	log.Printf("ferretdb listening, %s", f.MongoDBURI())
	f.Run(ctx)
}
