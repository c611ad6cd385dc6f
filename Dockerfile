# Multi-stage build: the SDK image restores and publishes, the ASP.NET runtime image runs.
# Not built on the development machines (no Docker engine there); see README.md.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source

# Restore first, from the project files only, so the layer is reused until a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props NewsCms.sln ./
COPY src/NewsCms.Core/NewsCms.Core.csproj src/NewsCms.Core/
COPY src/NewsCms.Web/NewsCms.Web.csproj src/NewsCms.Web/
COPY migrations/Sqlite/NewsCms.Migrations.Sqlite.csproj migrations/Sqlite/
COPY migrations/Postgres/NewsCms.Migrations.Postgres.csproj migrations/Postgres/
RUN dotnet restore src/NewsCms.Web/NewsCms.Web.csproj -r linux-x64

COPY src/ src/
COPY migrations/ migrations/
COPY wwwroot/ wwwroot/
# ReadyToRun: precompiled code halves the time to the first response (docs/performance.md).
RUN dotnet publish src/NewsCms.Web/NewsCms.Web.csproj -c Release --no-restore -r linux-x64 --self-contained false \
    -p:PublishReadyToRun=true -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./

# The data directory (SQLite file, media, keys) is a volume; the app user owns it.
ENV ASPNETCORE_URLS=http://+:8080 \
    NewsCms__DataDirectory=/data
RUN mkdir -p /data && chown app:app /data
VOLUME /data
USER app
EXPOSE 8080
ENTRYPOINT ["dotnet", "NewsCms.Web.dll"]
