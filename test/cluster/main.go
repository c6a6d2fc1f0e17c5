// Command control-plane is one binary for a Kubernetes control plane on loopback, built from the
// Kubernetes modules of one release. The name it is called by (a symbolic link such as
// bin/kubectl), or else its first argument, names the program to run:
//
//	control-plane etcd --data-dir DIR --client-url URL --peer-url URL
//	control-plane kube-apiserver FLAGS...
//	control-plane kube-controller-manager FLAGS...
//	control-plane kube-scheduler FLAGS...
//	control-plane kubectl ARGS...
//	control-plane fake-kubelet --kubeconfig FILE --node NAME
//
// One binary means one link step for all of them, which is most of a cold build.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	_ "time/tzdata" // CronJob time zones, as kube-apiserver and kube-controller-manager load them

	"github.com/spf13/cobra"
	"k8s.io/component-base/cli"
	_ "k8s.io/component-base/metrics/prometheus/clientgo"
	_ "k8s.io/component-base/metrics/prometheus/version"
	kubectl "k8s.io/kubectl/pkg/cmd"
	kubectlutil "k8s.io/kubectl/pkg/cmd/util"
	apiserver "k8s.io/kubernetes/cmd/kube-apiserver/app"
	controllermanager "k8s.io/kubernetes/cmd/kube-controller-manager/app"
	scheduler "k8s.io/kubernetes/cmd/kube-scheduler/app"
)

// programs maps each program name to its entry point, which takes the remaining arguments.
var programs = map[string]func(args []string) int{
	"etcd":                    runEtcd,
	"fake-kubelet":            runFakeKubelet,
	"kube-apiserver":          runCobra(apiserver.NewAPIServerCommand),
	"kube-controller-manager": runCobra(controllermanager.NewControllerManagerCommand),
	"kube-scheduler":          runCobra(func() *cobra.Command { return scheduler.NewSchedulerCommand() }),
	"kubectl":                 runKubectl,
}

// runCobra runs a Kubernetes component the way its own main function does.
func runCobra(newCommand func() *cobra.Command) func(args []string) int {
	return func(args []string) int {
		command := newCommand()
		command.SetArgs(args)
		return cli.Run(command)
	}
}

// runKubectl runs kubectl the way cmd/kubectl's main function does: errors printed by kubectl's
// own error handler, with its exit codes.
func runKubectl(args []string) int {
	command := kubectl.NewDefaultKubectlCommand()
	command.SetArgs(args)
	if err := cli.RunNoErrOutput(command); err != nil {
		kubectlutil.CheckErr(err)
	}
	return 0
}

func main() {
	if program := programs[filepath.Base(os.Args[0])]; program != nil {
		os.Exit(program(os.Args[1:]))
	}
	if len(os.Args) < 2 || programs[os.Args[1]] == nil {
		names := make([]string, 0, len(programs))
		for name := range programs {
			names = append(names, name)
		}
		sort.Strings(names)
		fmt.Fprintf(os.Stderr, "usage: %s PROGRAM [ARGS...], PROGRAM one of %v\n", os.Args[0], names)
		os.Exit(2)
	}
	os.Exit(programs[os.Args[1]](os.Args[2:]))
}
