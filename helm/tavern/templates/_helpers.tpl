{{/*
Names and labels follow the conventions of `helm create`, so platform tooling that selects on
app.kubernetes.io/* labels finds Tavern like any other chart.
*/}}

{{- define "tavern.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "tavern.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 50 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 50 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 50 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "tavern.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "tavern.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tavern.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "tavern.labels" -}}
helm.sh/chart: {{ include "tavern.chart" . }}
{{ include "tavern.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: tavern
{{- end }}

{{- define "tavern.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "tavern.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "tavern.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{- define "tavern.secretName" -}}
{{- default (include "tavern.fullname" .) .Values.existingSecret }}
{{- end }}

{{/* The chart creates its own Secret only when it has something to put in it. */}}
{{- define "tavern.createSecret" -}}
{{- if and (not .Values.existingSecret) (or .Values.admin.token .Values.admin.operators (eq .Values.database.type "postgresql")) }}true{{ end }}
{{- end }}

{{/* Whether the pod mounts an operators file from a Secret: the chart's (admin.operators) or an existing one. */}}
{{- define "tavern.operatorsFileMounted" -}}
{{- if .Values.existingSecret }}
{{- if .Values.admin.operatorsFromExistingSecret }}true{{ end }}
{{- else if .Values.admin.operators }}true{{ end }}
{{- end }}

{{/* Where the operators file is mounted in the pod. */}}
{{- define "tavern.operatorsFilePath" -}}
/etc/tavern/operators/operators
{{- end }}

{{/*
The operators file the chart writes into its Secret: one operator a line, name, role and token (or
sha256: and the token's digest), as tavern.admin.operators-file reads it.
*/}}
{{- define "tavern.operatorsFile" -}}
# name role token (or sha256:<digest of the token>); written by the Helm chart from admin.operators
{{- range .Values.admin.operators }}
{{ .name }} {{ .role }} {{ if .tokenSha256 }}sha256:{{ .tokenSha256 | lower }}{{ else }}{{ .token }}{{ end }}
{{- end }}
{{ end }}

{{/* Whether the pod gets TAVERN_ADMIN_TOKEN from a Secret (otherwise the server generates one). */}}
{{- define "tavern.adminTokenFromSecret" -}}
{{- if or .Values.existingSecret .Values.admin.token }}true{{ end }}
{{- end }}

{{- define "tavern.dataClaimName" -}}
{{- default (printf "%s-data" (include "tavern.fullname" .)) .Values.database.embedded.persistence.existingClaim }}
{{- end }}

{{- define "tavern.jdbcUrl" -}}
{{- $pg := .Values.database.postgresql }}
{{- printf "jdbc:postgresql://%s:%d/%s?sslmode=%s" $pg.host ($pg.port | int) $pg.database $pg.sslMode }}
{{- end }}

{{/*
Refuses values that would deploy something other than what the operator expects. Included by the
Deployment, so `helm install`, `helm upgrade` and `helm template` all stop with the message.
*/}}
{{- define "tavern.validate" -}}
{{- $v := .Values }}
{{- /* One node only: there is no cluster mode yet. When it exists, this is the one place to relax. */}}
{{- if gt ($v.replicaCount | int) 1 }}
{{- fail (printf "replicaCount=%d is refused: Tavern has no cluster mode yet, so every pod would run its own separate lobby (players on one pod could not see or chat with players on another) and, with the embedded database, its own separate data. Use replicaCount 0 or 1." ($v.replicaCount | int)) }}
{{- end }}
{{- if and $v.autoscaling.enabled (gt ($v.autoscaling.maxReplicas | int) 1) }}
{{- fail (printf "autoscaling.maxReplicas=%d is refused: Tavern has no cluster mode yet, so every extra pod would run its own separate lobby (players on one pod could not see or chat with players on another) and, with the embedded database, its own separate data. Keep maxReplicas at 1." ($v.autoscaling.maxReplicas | int)) }}
{{- end }}
{{- if and $v.autoscaling.enabled (gt ($v.autoscaling.minReplicas | int) ($v.autoscaling.maxReplicas | int)) }}
{{- fail "autoscaling.minReplicas must not exceed autoscaling.maxReplicas." }}
{{- end }}
{{- /* Never fall back to the embedded database by accident. */}}
{{- if eq $v.database.type "postgresql" }}
{{- if not $v.database.postgresql.host }}
{{- fail "database.type=postgresql needs database.postgresql.host: the chart will not fall back to the embedded database." }}
{{- end }}
{{- if and (not $v.existingSecret) (not $v.database.postgresql.password) }}
{{- fail "database.type=postgresql needs a password: set existingSecret (a Secret with the key named by secretKeys.databasePassword) or database.postgresql.password." }}
{{- end }}
{{- else }}
{{- if $v.database.postgresql.host }}
{{- fail (printf "database.postgresql.host is set (%s) but database.type is embedded: set database.type=postgresql to use it. The chart will not silently run on the embedded database." $v.database.postgresql.host) }}
{{- end }}
{{- if eq $v.updateStrategy.type "RollingUpdate" }}
{{- fail "updateStrategy.type=RollingUpdate needs database.type=postgresql: with the embedded database the old and the new pod would both open the same data (or each their own), so pods must be replaced with Recreate." }}
{{- end }}
{{- end }}
{{- /* Shutdown timing: Kubernetes must not kill the JVM before its shutdown budget is spent. */}}
{{- $s := $v.shutdown }}
{{- $budget := include "tavern.shutdownBudgetSeconds" . | int }}
{{- $needed := add ($s.preStopSleepSeconds | int) $budget ($s.marginSeconds | int) }}
{{- if gt ($needed | int) ($v.terminationGracePeriodSeconds | int) }}
{{- fail (printf "terminationGracePeriodSeconds (%d) is shorter than a graceful shutdown may take (%d): shutdown.preStopSleepSeconds (%d) + the server's shutdown budget (%d: networkDrain %d + networkClose %d + httpDrain %d + logicDrain %d + hashDrain %d + nodeRelease %d + archiveFlush %d + databaseDrain %d) + shutdown.marginSeconds (%d). Kubernetes would kill the server before it has drained its sessions and written its chat archive: raise terminationGracePeriodSeconds or shorten the waits under shutdown." ($v.terminationGracePeriodSeconds | int) ($needed | int) ($s.preStopSleepSeconds | int) $budget ($s.networkDrainSeconds | int) ($s.networkCloseSeconds | int) ($s.httpDrainSeconds | int) ($s.logicDrainSeconds | int) ($s.hashDrainSeconds | int) ($s.nodeReleaseSeconds | int) ($s.archiveFlushSeconds | int) ($s.databaseDrainSeconds | int) ($s.marginSeconds | int)) }}
{{- end }}
{{- if and (not (kindIs "invalid" $v.podDisruptionBudget.maxUnavailable)) (not (kindIs "invalid" $v.podDisruptionBudget.minAvailable)) }}
{{- fail "podDisruptionBudget: set either maxUnavailable or minAvailable, not both." }}
{{- end }}
{{- if and $v.networkPolicy.enabled $v.serviceMonitor.enabled (not $v.networkPolicy.adminFromNamespaces) }}
{{- fail "networkPolicy.adminFromNamespaces is empty while serviceMonitor.enabled: Prometheus could not scrape the metrics port. List the namespace Prometheus runs in." }}
{{- end }}
{{- end }}

{{/*
The server's shutdown budget in seconds: the sum of its tavern.shutdown.* waits, which run one after the
other (see TavernProperties.Shutdown).
*/}}
{{- define "tavern.shutdownBudgetSeconds" -}}
{{- $s := .Values.shutdown }}
{{- add ($s.networkDrainSeconds | int) ($s.networkCloseSeconds | int) ($s.httpDrainSeconds | int) ($s.logicDrainSeconds | int) ($s.hashDrainSeconds | int) ($s.nodeReleaseSeconds | int) ($s.archiveFlushSeconds | int) ($s.databaseDrainSeconds | int) }}
{{- end }}

{{/*
The part of application.yaml the chart owns: it follows from other values (ports, shutdown timing,
database) or is fixed by how the chart runs the server (Actuator probes, JSON logs).
*/}}
{{- define "tavern.managedConfig" -}}
server:
  port: {{ .Values.ports.http | int }}
  shutdown: graceful
{{- if eq .Values.database.type "postgresql" }}
spring:
  datasource:
    url: {{ include "tavern.jdbcUrl" . | quote }}
    username: {{ .Values.database.postgresql.user | quote }}
{{- end }}
management:
  endpoints:
    web:
      exposure:
        include: health,info,prometheus
  endpoint:
    health:
      probes:
        enabled: true
logging:
  structured:
    format:
      console: ecs
tavern:
  net:
    port: {{ .Values.ports.game | int }}
  {{- with .Values.shutdown }}
  # The shutdown budget; Spring's graceful shutdown (spring.lifecycle.timeout-per-shutdown-phase)
  # follows http-drain.
  shutdown:
    network-drain: {{ printf "%ds" (.networkDrainSeconds | int) }}
    network-close: {{ printf "%ds" (.networkCloseSeconds | int) }}
    http-drain: {{ printf "%ds" (.httpDrainSeconds | int) }}
    logic-drain: {{ printf "%ds" (.logicDrainSeconds | int) }}
    hash-drain: {{ printf "%ds" (.hashDrainSeconds | int) }}
    node-release: {{ printf "%ds" (.nodeReleaseSeconds | int) }}
    archive-flush: {{ printf "%ds" (.archiveFlushSeconds | int) }}
    database-drain: {{ printf "%ds" (.databaseDrainSeconds | int) }}
  {{- end }}
  db:
    pool-size: {{ .Values.database.poolSize | int }}
    {{- if eq .Values.database.type "embedded" }}
    embedded-dir: /app/data
    {{- end }}
  admin:
    enabled: {{ .Values.admin.enabled }}
    # A generated token (no token, no operators) goes to the one writable place of the pod.
    generated-token-file: /tmp/tavern/admin-token
    {{- if include "tavern.operatorsFileMounted" . }}
    operators-file: {{ include "tavern.operatorsFilePath" . }}
    {{- end }}
{{- end }}

{{- define "tavern.applicationConfig" -}}
{{- $managed := include "tavern.managedConfig" . | fromYaml }}
{{- toYaml (mustMergeOverwrite (deepCopy .Values.config) $managed) }}
{{- end }}

{{- define "tavern.javaOpts" -}}
{{- $opts := list (printf "-XX:MaxRAMPercentage=%.1f" (.Values.jvm.maxRamPercentage | float64)) }}
{{- with .Values.jvm.maxDirectMemorySize }}
{{- $opts = append $opts (printf "-XX:MaxDirectMemorySize=%s" .) }}
{{- end }}
{{- with .Values.jvm.extraOpts }}
{{- $opts = append $opts . }}
{{- end }}
{{- join " " $opts }}
{{- end }}
