# ConnectedCarMock: the mock server in a container.
#
#   docker build -t connectedcar-mock .
#   docker run --rm -p 8080:8080 connectedcar-mock
#       -> API at http://localhost:8080/api/connectedcar/v1, health at /health, WireMock admin at /__admin
#
# Serve another OpenAPI document (e.g. the published Stellantis one) by mounting it read-only
# and passing --spec (arguments after the image name replace CMD and go to connectedcar-mock):
#
#   docker run --rm -p 8080:8080 -v $PWD/specs:/specs:ro connectedcar-mock --spec /specs/your.yaml
#
# Other settings: -e CCMOCK_SEED=42, -e CCMOCK_WORLD_SIZE=20, -e CCMOCK_JOURNAL_SIZE=0, or the same
# as flags (--seed 42 ...). Change the port with -e CCMOCK_PORT=9090, not --port: the HEALTHCHECK
# reads CCMOCK_PORT.
#
# tests/ConnectedCarMock.MockServer.Tests/Container/ContainerStartupTests.cs reads this file (the
# COPY and RUN lines of the build stage, ENV, USER, EXPOSE, HEALTHCHECK, ENTRYPOINT and CMD of the
# runtime stage) and replays it without Docker: keep those instructions one per line, exec form.

# ---- build: restore (cached while no project file changes), then publish ------------------------
# The restore names the runtime identifier and the properties the publish uses: ReadyToRun needs its
# compiler package restored for linux-x64, and a --no-restore publish has only what the restore fetched.
# The container test replays this stage on an empty NuGet package folder, so a mismatch fails there on
# every machine, not only on a fresh one.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY schemas/ConnectedCarMock.Schemas/ConnectedCarMock.Schemas.csproj schemas/ConnectedCarMock.Schemas/
COPY fixtures/ConnectedCarMock.Fixtures/ConnectedCarMock.Fixtures.csproj fixtures/ConnectedCarMock.Fixtures/
COPY mockserver/ConnectedCarMock.MockServer/ConnectedCarMock.MockServer.csproj mockserver/ConnectedCarMock.MockServer/
RUN dotnet restore mockserver/ConnectedCarMock.MockServer -r linux-x64 -p:PublishReadyToRun=true
# Only what the server is built from: editing tests or docs does not invalidate this layer.
COPY schemas/ schemas/
COPY fixtures/ fixtures/
COPY mockserver/ mockserver/
# ReadyToRun: code compiled ahead of time starts serving in about half the time of JIT-only code.
RUN dotnet publish mockserver/ConnectedCarMock.MockServer -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o /app --no-restore

# ---- runtime: ASP.NET Core runtime only (WireMock.Net runs on Kestrel), no SDK -----------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app .
# 0.0.0.0: Docker forwards published ports to the container's network interface, not to its
# loopback, so the mock must listen on every interface inside the container.
ENV CCMOCK_HOST=0.0.0.0 CCMOCK_PORT=8080
EXPOSE 8080
# The .NET images ship the non-root user "app"; APP_UID is its numeric id (1654), which lets
# Kubernetes' runAsNonRoot verify it.
USER $APP_UID
# The aspnet image has neither curl nor wget, and the CLI has no health subcommand, so the probe is
# plain bash (part of the image's Ubuntu base; not of Alpine or chiseled images): open a TCP
# connection with bash's /dev/tcp, send a minimal HTTP/1.1 GET /health, and succeed only when the
# status line says 200. Nothing is installed and no second .NET process is started per probe.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${CCMOCK_PORT:-8080} && printf 'GET /health HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && read -r -t 2 _ status _ <&3 && [ \"$status\" = 200 ]"]
ENTRYPOINT ["dotnet", "connectedcar-mock.dll"]
# Default: serve the embedded Connected Car V2 document (what `connectedcar-mock` alone does).
CMD ["serve"]
