# The kit's image from public images, where the internet is: the same image `npm run image`
# (scripts/build-image) makes offline from this machine's files. Build it in a checkout:
#
#   docker build -t docker-conformance-kit:VERSION .
#
# Then, with Docker only (the kit stands in a container of the engine it verifies):
#
#   docker run --rm -v /var/run/docker.sock:/var/run/docker.sock -v "$PWD/reports:/reports" docker-conformance-kit:VERSION test
ARG NODE_VERSION=22.22
ARG DOCKER_VERSION=29.7.2

FROM docker:${DOCKER_VERSION}-cli AS cli
FROM registry:2 AS registry
FROM busybox:1.36-musl AS busybox

FROM node:${NODE_VERSION}-bookworm-slim AS pack
WORKDIR /src
COPY . .
RUN npm ci --no-audit --no-fund && npm pack --pack-destination /out \
  && mkdir /kit && cd /kit && npm init -y >/dev/null \
  && npm install --omit=dev --no-audit --no-fund /out/docker-conformance-kit-*.tgz

FROM node:${NODE_VERSION}-bookworm-slim
COPY --from=cli /usr/local/bin/docker /usr/local/bin/docker
COPY --from=cli /usr/local/libexec/docker/cli-plugins/docker-buildx /usr/libexec/docker/cli-plugins/docker-buildx
COPY --from=registry /bin/registry /usr/bin/docker-registry
# The kit's base image is made of a static busybox (support/fixtures/busybox.ts looks in /bin).
COPY --from=busybox /bin/busybox /bin/busybox
COPY --from=pack /kit /kit
COPY --from=pack /src/scripts/kit-entrypoint /kit/entrypoint
ENV KIT_REPORTS_DIR=/reports DOCKER_CLI_HINTS=false
LABEL org.opencontainers.image.title=docker-conformance-kit \
      org.opencontainers.image.source=https://github.com/docker-conformance-kit/docker-conformance-kit
WORKDIR /reports
ENTRYPOINT ["/kit/entrypoint"]
CMD ["--help"]
