# kube-whatif for CI images: the built CLI as the entrypoint, run as a non-root user.
#   docker build -t kube-whatif .
#   docker run --rm -v "$PWD:/work" -w /work kube-whatif compare scenarios/payments-maxreplicas.yaml
# Stage 1 builds dist/ and packs the tarball exactly as `npm pack` does for any other install.
FROM node:20-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scenarios ./scenarios
COPY README.md ./
RUN npm run build && npm pack --ignore-scripts --pack-destination /tmp

# Stage 2: only the package and its runtime dependencies.
FROM node:20-slim
ENV NODE_ENV=production NO_UPDATE_NOTIFIER=1
COPY --from=build /tmp/kube-whatif-*.tgz /tmp/
RUN npm install --global --omit=dev --no-audit --no-fund /tmp/kube-whatif-*.tgz \
 && rm /tmp/kube-whatif-*.tgz \
 && npm cache clean --force
# The node image's own unprivileged user (uid 1000); mount the scenarios' folder as /work.
USER node
WORKDIR /work
ENTRYPOINT ["whatif"]
CMD ["--help"]
