package main

import (
	"context"
	"flag"
	"fmt"
	"net/netip"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/client-go/util/workqueue"
)

// heartbeat is how often the node renews its lease and Ready condition; the node lifecycle
// controller marks a node unknown after 40 s (--node-monitor-grace-period) without one.
const heartbeat = 10 * time.Second

// fakeKubelet stands in for a kubelet without a container runtime: it registers one Node and
// reports every pod bound to it as running and ready with its own pod IP, so the controllers
// (ReplicaSet, StatefulSet, EndpointSlice) do their real work.
type fakeKubelet struct {
	client kubernetes.Interface
	node   string
	queue  workqueue.RateLimitingInterface
	pods   cache.Indexer

	mu     sync.Mutex
	ips    map[types.UID][]string
	nextIP [2]netip.Addr
}

func runFakeKubelet(args []string) int {
	flags := flag.NewFlagSet("fake-kubelet", flag.ContinueOnError)
	kubeconfig := flags.String("kubeconfig", "", "kubeconfig of the API server")
	node := flags.String("node", "node-1", "name of the Node to register")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	config, err := clientcmd.BuildConfigFromFlags("", *kubeconfig)
	if err != nil {
		fmt.Fprintf(os.Stderr, "fake-kubelet: %v\n", err)
		return 1
	}
	config.QPS, config.Burst = 100, 200
	client, err := kubernetes.NewForConfig(config)
	if err != nil {
		fmt.Fprintf(os.Stderr, "fake-kubelet: %v\n", err)
		return 1
	}

	ctx, cancel := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer cancel()
	kubelet := &fakeKubelet{
		client: client,
		node:   *node,
		queue:  workqueue.NewRateLimitingQueue(workqueue.DefaultControllerRateLimiter()),
		ips:    map[types.UID][]string{},
		nextIP: [2]netip.Addr{netip.MustParseAddr("10.244.0.2"), netip.MustParseAddr("fd00:10:244::2")},
	}
	if err := retry(ctx, kubelet.register); err != nil {
		fmt.Fprintf(os.Stderr, "fake-kubelet: registering node %s: %v\n", *node, err)
		return 1
	}
	go kubelet.heartbeats(ctx)

	factory := informers.NewSharedInformerFactoryWithOptions(client, 0, informers.WithTweakListOptions(
		func(options *metav1.ListOptions) {
			options.FieldSelector = fields.OneTermEqualSelector("spec.nodeName", *node).String()
		}))
	informer := factory.Core().V1().Pods().Informer()
	kubelet.pods = informer.GetIndexer()
	enqueue := func(obj interface{}) {
		if key, err := cache.MetaNamespaceKeyFunc(obj); err == nil {
			kubelet.queue.Add(key)
		}
	}
	_, _ = informer.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    enqueue,
		UpdateFunc: func(_, obj interface{}) { enqueue(obj) },
	})
	factory.Start(ctx.Done())
	factory.WaitForCacheSync(ctx.Done())
	for i := 0; i < 4; i++ {
		go kubelet.work(ctx)
	}
	<-ctx.Done()
	kubelet.queue.ShutDown()
	return 0
}

// retry calls f until it succeeds, ctx ends or 30 s pass, and returns its last error.
func retry(ctx context.Context, f func(context.Context) error) error {
	deadline := time.Now().Add(30 * time.Second)
	for {
		err := f(ctx)
		if err == nil || ctx.Err() != nil || time.Now().After(deadline) {
			return err
		}
		time.Sleep(time.Second)
	}
}

// register creates the Node with room for many pods and a Ready condition.
func (k *fakeKubelet) register(ctx context.Context) error {
	capacity := corev1.ResourceList{
		corev1.ResourceCPU:    resource.MustParse("32"),
		corev1.ResourceMemory: resource.MustParse("64Gi"),
		corev1.ResourcePods:   resource.MustParse("250"),
	}
	node := &corev1.Node{
		ObjectMeta: metav1.ObjectMeta{
			Name:   k.node,
			Labels: map[string]string{"kubernetes.io/hostname": k.node, "kubernetes.io/os": "linux"},
		},
	}
	created, err := k.client.CoreV1().Nodes().Create(ctx, node, metav1.CreateOptions{})
	if apierrors.IsAlreadyExists(err) {
		created, err = k.client.CoreV1().Nodes().Get(ctx, k.node, metav1.GetOptions{})
	}
	if err != nil {
		return err
	}
	created.Status = corev1.NodeStatus{
		Capacity:    capacity,
		Allocatable: capacity,
		Addresses: []corev1.NodeAddress{
			{Type: corev1.NodeInternalIP, Address: "127.0.0.1"},
			{Type: corev1.NodeHostName, Address: k.node},
		},
		NodeInfo: corev1.NodeSystemInfo{KubeletVersion: "v1.27.16", OperatingSystem: "linux", Architecture: "amd64"},
		Phase:    corev1.NodeRunning,
	}
	k.setConditions(created)
	_, err = k.client.CoreV1().Nodes().UpdateStatus(ctx, created, metav1.UpdateOptions{})
	return err
}

func (k *fakeKubelet) setConditions(node *corev1.Node) {
	now := metav1.Now()
	conditions := []corev1.NodeCondition{{Type: corev1.NodeReady, Status: corev1.ConditionTrue, Reason: "KubeletReady"}}
	for _, pressure := range []corev1.NodeConditionType{corev1.NodeMemoryPressure, corev1.NodeDiskPressure, corev1.NodePIDPressure} {
		conditions = append(conditions, corev1.NodeCondition{Type: pressure, Status: corev1.ConditionFalse, Reason: "KubeletHasNo" + string(pressure)})
	}
	for i := range conditions {
		conditions[i].LastHeartbeatTime = now
		conditions[i].LastTransitionTime = now
		for _, old := range node.Status.Conditions {
			if old.Type == conditions[i].Type && old.Status == conditions[i].Status {
				conditions[i].LastTransitionTime = old.LastTransitionTime
			}
		}
	}
	node.Status.Conditions = conditions
}

// heartbeats renews the node's lease and Ready condition until ctx ends.
func (k *fakeKubelet) heartbeats(ctx context.Context) {
	ticker := time.NewTicker(heartbeat)
	defer ticker.Stop()
	for {
		k.renewLease(ctx)
		if node, err := k.client.CoreV1().Nodes().Get(ctx, k.node, metav1.GetOptions{}); err == nil {
			k.setConditions(node)
			_, _ = k.client.CoreV1().Nodes().UpdateStatus(ctx, node, metav1.UpdateOptions{})
		}
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}

func (k *fakeKubelet) renewLease(ctx context.Context) {
	leases := k.client.CoordinationV1().Leases(corev1.NamespaceNodeLease)
	now := metav1.NewMicroTime(time.Now())
	seconds := int32(40)
	lease, err := leases.Get(ctx, k.node, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		_, _ = leases.Create(ctx, &coordinationv1.Lease{
			ObjectMeta: metav1.ObjectMeta{Name: k.node},
			Spec:       coordinationv1.LeaseSpec{HolderIdentity: &k.node, LeaseDurationSeconds: &seconds, RenewTime: &now},
		}, metav1.CreateOptions{})
		return
	}
	if err == nil {
		lease.Spec.RenewTime = &now
		_, _ = leases.Update(ctx, lease, metav1.UpdateOptions{})
	}
}

func (k *fakeKubelet) work(ctx context.Context) {
	for {
		key, shutdown := k.queue.Get()
		if shutdown {
			return
		}
		if err := k.sync(ctx, key.(string)); err != nil {
			k.queue.AddRateLimited(key)
		} else {
			k.queue.Forget(key)
		}
		k.queue.Done(key)
	}
}

// sync finishes a pod's deletion, as a kubelet does once its containers stop, or reports a
// pod running and ready.
func (k *fakeKubelet) sync(ctx context.Context, key string) error {
	obj, exists, err := k.pods.GetByKey(key)
	if err != nil || !exists {
		return err
	}
	pod := obj.(*corev1.Pod)
	pods := k.client.CoreV1().Pods(pod.Namespace)
	if pod.DeletionTimestamp != nil {
		zero := int64(0)
		err := pods.Delete(ctx, pod.Name, metav1.DeleteOptions{
			GracePeriodSeconds: &zero,
			Preconditions:      &metav1.Preconditions{UID: &pod.UID},
		})
		if apierrors.IsNotFound(err) || apierrors.IsConflict(err) {
			return nil
		}
		return err
	}
	if pod.Status.Phase == corev1.PodRunning && pod.Status.PodIP != "" {
		return nil
	}
	running := pod.DeepCopy()
	k.setRunning(running)
	_, err = pods.UpdateStatus(ctx, running, metav1.UpdateOptions{})
	if apierrors.IsNotFound(err) {
		return nil
	}
	return err
}

func (k *fakeKubelet) setRunning(pod *corev1.Pod) {
	now := metav1.Now()
	ips := k.podIPs(pod.UID)
	pod.Status.Phase = corev1.PodRunning
	pod.Status.HostIP = "127.0.0.1"
	pod.Status.PodIP = ips[0]
	pod.Status.PodIPs = []corev1.PodIP{{IP: ips[0]}, {IP: ips[1]}}
	pod.Status.StartTime = &now
	pod.Status.Conditions = nil
	for _, condition := range []corev1.PodConditionType{corev1.PodInitialized, corev1.PodReady, corev1.ContainersReady, corev1.PodScheduled} {
		pod.Status.Conditions = append(pod.Status.Conditions, corev1.PodCondition{Type: condition, Status: corev1.ConditionTrue, LastTransitionTime: now})
	}
	pod.Status.ContainerStatuses = nil
	for _, container := range pod.Spec.Containers {
		started := true
		pod.Status.ContainerStatuses = append(pod.Status.ContainerStatuses, corev1.ContainerStatus{
			Name:        container.Name,
			Image:       container.Image,
			ImageID:     "fake://" + container.Image,
			ContainerID: "fake://" + string(pod.UID) + "/" + container.Name,
			Ready:       true,
			Started:     &started,
			State:       corev1.ContainerState{Running: &corev1.ContainerStateRunning{StartedAt: now}},
		})
	}
}

// podIPs gives each pod its own IPv4 and IPv6 address, as on a dual-stack cluster, the same
// ones on every call.
func (k *fakeKubelet) podIPs(uid types.UID) []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	if ips, ok := k.ips[uid]; ok {
		return ips
	}
	ips := []string{k.nextIP[0].String(), k.nextIP[1].String()}
	k.ips[uid] = ips
	k.nextIP = [2]netip.Addr{k.nextIP[0].Next(), k.nextIP[1].Next()}
	return ips
}
