#!/usr/bin/env bash
# Release build with pre-generated code: Wolverine handlers and Marten storage are written by `codegen write`
# and compiled into Incidents.Api.dll, so the service starts with Wolverine:TypeLoadMode=Static (the
# Production default, appsettings.Production.json) and never runs the Roslyn compiler at start-up; the assemblies
# are ReadyToRun for the platform it is built on (build inside the image for a different one: deploy/Dockerfile).
# Usage: deploy/build-release.sh [output-dir]   (default: artifacts/api)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/api}"
generated=src/Incidents.Api/Internal/Generated

rm -rf "$generated"
dotnet build src/Incidents.Api -c Release -nologo -v quiet
# Writes the generated C# for every handler, endpoint, document and projection into the project (content root);
# needs no database. Development only so that the development token key satisfies authentication set-up.
(cd src/Incidents.Api && ASPNETCORE_ENVIRONMENT=Development dotnet bin/Release/net10.0/Incidents.Api.dll codegen write)
# ReadyToRun: the service's and its libraries' code is compiled ahead of time for this platform, so start-up does
# not wait for the JIT either (docs/benchmarks.md).
dotnet publish src/Incidents.Api -c Release -nologo -v quiet -p:IncludeGeneratedCode=true \
    --use-current-runtime --self-contained false -p:PublishReadyToRun=true -o "$out"
# Development tooling (the local PostgreSQL launcher, the demonstration school) is referenced by Debug builds only:
# never ship it.
for tool in Incidents.DevTools Incidents.Demo; do
    if [ -e "$out/$tool.dll" ]; then echo "$tool.dll must not be published" >&2; exit 1; fi
done
echo "Published to $out ($(find "$generated" -name '*.cs' | wc -l) generated files compiled in)"
