package dev.apfa.index.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.apfa.index.IndexProperties;
import dev.apfa.index.build.BuildService;
import dev.apfa.index.build.BuildTask;
import dev.apfa.index.build.Manifest;
import dev.apfa.index.events.IndexAudit;
import dev.apfa.index.serving.Activation;
import dev.apfa.index.serving.ActivationService;
import dev.apfa.index.serving.ActiveIndex;
import dev.apfa.index.serving.IndexLoader;
import dev.apfa.index.store.ArtifactStore;
import dev.apfa.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Index versions, builds and activation, admin and up. Checked here too (libs/security), not only at
 * the gateway, so a direct call is refused; builds and activations are attributed to the token's user id.
 */
@RestController
@RequestMapping("/api/admin/indexes")
@PreAuthorize("hasRole('ADMIN')")
public class AdminIndexController {

    private final IndexProperties properties;
    private final ArtifactStore store;
    private final IndexLoader loader;
    private final ActiveIndex active;
    private final BuildService builds;
    private final ActivationService activations;
    private final IndexAudit audit;

    public AdminIndexController(IndexProperties properties, ArtifactStore store, IndexLoader loader, ActiveIndex active,
                                BuildService builds, ActivationService activations, IndexAudit audit) {
        this.properties = properties;
        this.store = store;
        this.loader = loader;
        this.active = active;
        this.builds = builds;
        this.activations = activations;
        this.audit = audit;
    }

    @GetMapping
    public Listing list() {
        Integer activeVersion = active.version().orElse(null);
        List<VersionView> versions = store.versions(properties.name()).stream()
                .map(v -> new VersionView(v, activeVersion != null && activeVersion == v, loader.manifest(properties.name(), v)))
                .toList();
        return new Listing(properties.name(), activeVersion, versions);
    }

    @PostMapping("/builds")
    public ResponseEntity<BuildTask> build(@RequestBody(required = false) BuildRequest request, CurrentUser me,
                                           HttpServletRequest http) {
        Long sourceVersion = request == null ? null : request.sourceVersion();
        if (sourceVersion != null && sourceVersion < 0) {
            throw new BadRequestException("source_version must not be negative");
        }
        BuildTask task = builds.submit(sourceVersion, null, me.id());
        audit.buildRequested(task, sourceVersion, me, http);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(task);
    }

    @GetMapping("/builds/{buildId}")
    public BuildTask buildStatus(@PathVariable String buildId) {
        return builds.task(buildId).orElseThrow(() -> new NotFoundException("no build " + buildId));
    }

    @PostMapping("/{version}/activate")
    public Activation activate(@PathVariable int version, CurrentUser me, HttpServletRequest http) {
        if (version < 1) {
            throw new BadRequestException("version must be at least 1");
        }
        Activation activation = activations.activate(version, me.id());
        audit.activated(activation, me, http);
        return activation;
    }

    public record BuildRequest(Long sourceVersion) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Listing(String indexName, Integer activeVersion, List<VersionView> versions) {
    }

    public record VersionView(int version, boolean active, Manifest manifest) {
    }
}
